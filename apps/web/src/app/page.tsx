import { redirect } from "next/navigation";
import { readSession } from "./_lib/session";

export default async function HomePage() {
  redirect((await readSession()) ? "/projects" : "/login");
}

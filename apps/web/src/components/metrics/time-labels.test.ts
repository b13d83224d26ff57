import { describe, expect, it } from "vitest";
import { timeLabels } from "./time-labels";

const points = (dates: string[]) => dates.map((date) => ({ date })) as never;

describe("timeLabels", () => {
  it("labels daily points as their UTC calendar day, whatever the viewer's time zone", () => {
    expect(timeLabels(points(["2026-11-03", "2026-11-04T00:00:00.000Z"]), "day")).toEqual({
      short: ["Nov 3", "Nov 4"],
      full: ["Tue, Nov 3, 2026 (UTC)", "Wed, Nov 4, 2026 (UTC)"],
    });
  });

  it("labels hourly points by the hour in local time, naming the day on the first point and at midnight", () => {
    const local = (day: number, hour: number) => new Date(2026, 10, day, hour, 0).toISOString();
    expect(timeLabels(points([local(3, 22), local(3, 23), local(4, 0), local(4, 1)]), "hour")).toEqual({
      short: ["Nov 3", "23:00", "Nov 4", "01:00"],
      full: ["Nov 3, 22:00", "Nov 3, 23:00", "Nov 4, 00:00", "Nov 4, 01:00"],
    });
  });
});

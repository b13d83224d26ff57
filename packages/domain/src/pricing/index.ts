export * from "./price-table";

import { describe, expect, it } from "vitest";
import { dataDictionaryCsv, dataDictionaryHref } from "./data-dictionary";

describe("dataDictionaryCsv", () => {
  it("has a header and one line per column, quoting what needs quoting", () => {
    const csv = dataDictionaryCsv([
      { name: "city", type: "string", description: "City" },
      { name: "fare_usd", type: "number", description: 'Fare, in "US" dollars\nbefore tips' },
    ]);
    expect(csv).toBe('column,type,description\r\ncity,string,City\r\nfare_usd,number,"Fare, in ""US"" dollars\nbefore tips"\r\n');
  });

  it("is a downloadable data URL", () => {
    const href = dataDictionaryHref([{ name: "a", type: "integer", description: "x" }]);
    expect(href.startsWith("data:text/csv;charset=utf-8,")).toBe(true);
    expect(decodeURIComponent(href.split(",").slice(1).join(","))).toBe("column,type,description\r\na,integer,x\r\n");
  });
});

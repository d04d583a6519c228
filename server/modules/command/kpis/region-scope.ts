/** What every KPI query takes: the region and its sub-regions' codes, and the half-open range [from, to). */
export type KpiScope = { codes: string[]; from: Date; to: Date };

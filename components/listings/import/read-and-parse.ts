import Papa from "papaparse";

/** Reads a File as text, reporting progress (0–1). */
export function readFileText(file: File, onProgress: (f: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    reader.onload = () => resolve(String(reader.result ?? ""));
    reader.onerror = () => reject(reader.error ?? new Error("read failed"));
    reader.readAsText(file, "utf-8");
  });
}

/**
 * Counts the data rows in the browser (so a too-big file is refused before upload), reporting
 * progress (0–1) from the parser's cursor. The server parses and validates again: this is a preview.
 */
export function countRows(text: string, onProgress: (f: number) => void): Promise<{ rows: number; header: string[] }> {
  return new Promise((resolve) => {
    let rows = 0;
    let header: string[] = [];
    const total = text.length || 1;
    Papa.parse<Record<string, string>>(text, {
      header: true,
      skipEmptyLines: "greedy",
      step: (r) => {
        rows++;
        if (rows === 1) header = r.meta.fields ?? [];
        if (rows % 500 === 0) onProgress(r.meta.cursor / total);
      },
      complete: () => {
        onProgress(1);
        resolve({ rows, header });
      },
    });
  });
}

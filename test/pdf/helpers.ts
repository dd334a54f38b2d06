import { execFile, execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';

export const ROOT = resolve(import.meta.dirname, '../..');

/** `trueup build <dir> --out <out> [...args]` as a user runs it; returns the build log. */
export async function cliBuild(dir: string, out: string, ...args: string[]): Promise<string> {
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    [join(ROOT, 'src/cli/main.ts'), 'build', dir, '--out', out, ...args],
    { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
  );
  return `${stdout}\n${stderr}`;
}

/** Each page's text (pdftotext -layout), page 1 first. */
export function pageTexts(pdf: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const pages = text.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

/** One page's text, extracted on its own (pdftotext -f N -l N). */
export function pageText(pdf: string, n: number): string {
  return execFileSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), pdf, '-'], {
    encoding: 'utf8',
  });
}

export function pdfPageCount(pdf: string): number {
  return Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
}

/** Every cell of every sheet of an .xlsx as text, read back with exceljs. */
export async function xlsxCells(file: string): Promise<{ sheet: string; value: string }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile(file)) as unknown as ArrayBuffer);
  const out: { sheet: string; value: string }[] = [];
  wb.eachSheet((ws) => {
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        out.push({ sheet: ws.name, value: cell.text ?? String(cell.value ?? '') });
      });
    });
  });
  return out;
}

/** Every file under a folder, relative paths. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

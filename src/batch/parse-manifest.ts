// Manifest text -> validated, resolved jobs. The whole manifest is checked before any work: zod for fields and
// types, then cross-field checks (end after start, templates exist, outputs unique, Lambda source URLs), and
// optionally file existence. Every problem names the job and the field; all of them go in one error line.
// Pure apart from the optional `fileExists` callback.
import { followFileKind } from "../render/follow-file-kind";
import { basename, dirname, extname, isAbsolute, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { UserFacingError } from "../errors";
import { formatZodIssue } from "../render/format-zod-issue";
import { OUTPUT_EXTENSIONS } from "../render/render-short";
import { mergeOverrides, resolveTemplate, type ResolvedTemplate } from "../render/resolve-template";
import type { PropOverrides, TemplateInput } from "../render/template-schema";
import { manifestSchema, type ManifestJob } from "./manifest-schema";
import { parseCsv } from "./parse-csv";

export type ManifestFormat = "json" | "yaml" | "csv";

export class ManifestError extends UserFacingError {
  override name = "ManifestError";
}

export interface ResolvedJob {
  /** Position in the manifest (0-based, as in `jobs[2]`). */
  index: number;
  id: string;
  /** Absolute paths. */
  source: string;
  sourceUrl: string | null;
  startSeconds: number;
  endSeconds: number | null;
  srt: string | null;
  words: string | null;
  templateName: string;
  template: ResolvedTemplate;
  output: string;
  /** --follow of this job (a face image or voice sample as an absolute path); null: the batch's --follow, else none. */
  follow: string | null;
}

export interface ParseManifestInput {
  text: string;
  format: ManifestFormat;
  /** Path of the manifest in messages; its folder anchors relative paths. */
  path: string;
  /** Templates from a config file (the manifest's own templates win). */
  templates?: Record<string, TemplateInput>;
  /** --lambda: every job needs a sourceUrl, or sourceBaseUrl + the source's file name. */
  lambda?: { sourceBaseUrl?: string | null };
  /** File check for sources, SRTs and word timings (omit to skip). */
  fileExists?: (path: string) => boolean;
  /** Like fileExists, but says what is wrong ("does not exist", "is not a regular file (a pipe)"); null when fine. */
  fileProblem?: (path: string) => string | null;
}

export interface ParsedManifest {
  jobs: ResolvedJob[];
  templates: Record<string, TemplateInput>;
}

export function manifestFormat(path: string): ManifestFormat | null {
  const ext = extname(path).toLowerCase();
  if (ext === ".json") return "json";
  if (ext === ".yaml" || ext === ".yml") return "yaml";
  if (ext === ".csv") return "csv";
  return null;
}

const MAX_LISTED_PROBLEMS = 8;

function fail(path: string, problems: string[]): never {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS).join("; ");
  const more =
    problems.length > MAX_LISTED_PROBLEMS ? `; and ${problems.length - MAX_LISTED_PROBLEMS} more` : "";
  throw new ManifestError(`manifest ${path}: ${listed}${more}`);
}

export function parseManifest(input: ParseManifestInput): ParsedManifest {
  const data = readData(input);
  const normalized = Array.isArray(data) ? { jobs: data } : data;
  const parsed = manifestSchema.safeParse(normalized);
  if (!parsed.success)
    fail(
      input.path,
      parsed.error.issues.map((issue) => formatZodIssue(issue, normalized)),
    );
  const manifest = parsed.data;
  const baseDir = dirname(resolve(input.path));
  const at = (p: string) => (isAbsolute(p) ? p : resolve(baseDir, p));
  const templates = { ...input.templates, ...manifest.templates };
  const problems: string[] = [];
  const outputs = new Map<string, number>();
  const ids = new Map<string, number>();
  const jobs: ResolvedJob[] = [];
  manifest.jobs.forEach((job: ManifestJob, index) => {
    const where = `jobs[${index}]`;
    const id = job.id ?? `job-${index + 1}`;
    if (ids.has(id)) problems.push(`${where}.id: "${id}" is also the id of jobs[${ids.get(id)}]`);
    ids.set(id, index);
    const start = job.start ?? 0;
    const end = job.end ?? null;
    if (end !== null && end <= start) {
      problems.push(`${where}.end: ${end} s must be after start ${start} s`);
    }
    const output = at(job.output);
    if (!OUTPUT_EXTENSIONS.includes(extname(output).toLowerCase())) {
      problems.push(`${where}.output: "${job.output}" must end in ${OUTPUT_EXTENSIONS.join(", ")}`);
    }
    if (outputs.has(output))
      problems.push(`${where}.output: "${job.output}" is also the output of jobs[${outputs.get(output)}]`);
    outputs.set(output, index);
    const source = at(job.source);
    if (output === source) problems.push(`${where}.output: "${job.output}" would overwrite the source`);
    const templateName = job.template ?? manifest.defaults?.template ?? "tiktok";
    const jobOverrides: PropOverrides = { ...job.overrides };
    if (job.size) jobOverrides.output = job.size;
    let template: ResolvedTemplate | null = null;
    try {
      const overrides = mergeOverrides(manifest.defaults?.overrides ?? {}, jobOverrides);
      template = resolveTemplate({ name: templateName, templates, overrides });
    } catch (error) {
      problems.push(
        `${job.template ? `${where}.template` : "defaults.template"}: ${(error as Error).message}`,
      );
    }
    let sourceUrl = job.sourceUrl ?? null;
    if (input.lambda && !sourceUrl) {
      if (input.lambda.sourceBaseUrl) {
        sourceUrl = `${input.lambda.sourceBaseUrl.replace(/\/+$/, "")}/${encodeURIComponent(basename(source))}`;
      } else {
        problems.push(
          `${where}.sourceUrl: required with --lambda (the renderer fetches the video), or pass --source-base-url`,
        );
      }
    }
    const srt = job.srt ? at(job.srt) : null;
    const words = job.words ? at(job.words) : null;
    const followFile = job.follow && followFileKind(job.follow) ? at(job.follow) : null;
    const follow = followFile ?? job.follow ?? null;
    const fileProblem =
      input.fileProblem ??
      (input.fileExists ? (path: string) => (input.fileExists!(path) ? null : "does not exist") : null);
    if (fileProblem) {
      const files: [string, string | null, string | undefined][] = [
        ["source", source, job.source],
        ["srt", srt, job.srt],
        ["words", words, job.words],
        ["follow", followFile, job.follow],
      ];
      for (const [field, path, given] of files) {
        const problem = path ? fileProblem(path) : null;
        if (problem) problems.push(`${where}.${field}: "${given}" ${problem} (${path})`);
      }
    }
    if (template) {
      jobs.push({
        index,
        id,
        source,
        sourceUrl,
        startSeconds: start,
        endSeconds: end,
        srt,
        words,
        templateName,
        template,
        output,
        follow,
      });
    }
  });
  if (problems.length) fail(input.path, problems);
  return { jobs, templates };
}

function readData(input: ParseManifestInput): unknown {
  try {
    if (input.format === "json") return JSON.parse(input.text);
    if (input.format === "yaml") return parseYaml(input.text);
  } catch (error) {
    const reason = ((error as Error).message.split("\n")[0] ?? "").trim();
    throw new ManifestError(`manifest ${input.path} is not valid ${input.format.toUpperCase()} (${reason})`);
  }
  return csvToManifest(input.text, input.path);
}

const CSV_JOB_COLUMNS = [
  "id",
  "source",
  "sourceUrl",
  "start",
  "end",
  "srt",
  "words",
  "template",
  "output",
  "size",
  "follow",
];
const CSV_OVERRIDE_COLUMNS = ["fps", "showDebug", "srtTimes"];

/** CSV: one job per row; columns are job fields, plus fps / showDebug / srtTimes and camera.* / captions.* overrides. */
function csvToManifest(text: string, path: string): { jobs: Record<string, unknown>[] } {
  const rows = parseCsv(text);
  const header = (rows.shift() ?? []).map((h) => h.trim());
  const problems: string[] = [];
  header.forEach((column) => {
    const known =
      CSV_JOB_COLUMNS.includes(column) ||
      CSV_OVERRIDE_COLUMNS.includes(column) ||
      /^(camera|captions)\.\w+$/.test(column);
    if (!known) {
      problems.push(
        `column "${column}" is not a job field; use ${[...CSV_JOB_COLUMNS, ...CSV_OVERRIDE_COLUMNS].join(", ")}, camera.<option> or captions.<option>`,
      );
    }
  });
  if (!header.includes("source") || !header.includes("output"))
    problems.push(`the header needs "source" and "output" columns`);
  if (problems.length) fail(path, problems);
  const jobs = rows.map((cells) => {
    const job: Record<string, unknown> = {};
    const overrides: Record<string, unknown> = {};
    header.forEach((column, i) => {
      const cell = (cells[i] ?? "").trim();
      if (cell === "") return;
      if (CSV_JOB_COLUMNS.includes(column)) {
        job[column] = cell;
        return;
      }
      const value = csvValue(cell);
      const [group, key] = column.split(".");
      if (key) {
        const groupObject = (overrides[group!] ??= {}) as Record<string, unknown>;
        // Caption font weights are strings in the props ("800").
        groupObject[key] = key === "fontWeight" ? cell : value;
      } else overrides[column] = value;
    });
    if (Object.keys(overrides).length) job.overrides = overrides;
    return job;
  });
  return { jobs };
}

function csvValue(cell: string): unknown {
  if (cell === "true") return true;
  if (cell === "false") return false;
  if (/^-?\d+(\.\d+)?$/.test(cell)) return Number(cell);
  return cell;
}

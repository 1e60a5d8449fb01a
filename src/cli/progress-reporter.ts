// A progress bar (stage, frames, fps, ETA) on a TTY; a few quiet log lines otherwise.
import cliProgress from "cli-progress";

export interface ProgressReporter {
  update(stage: string, done: number, total: number): void;
  stop(): void;
}

export function createProgressReporter(label: string, enabled = true): ProgressReporter {
  if (!enabled) return { update() {}, stop() {} };
  if (!process.stderr.isTTY) {
    let lastStage = "";
    return {
      update(stage) {
        if (stage !== lastStage) process.stderr.write(`${label}: ${stage}\n`);
        lastStage = stage;
      },
      stop() {},
    };
  }
  const started = Date.now();
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} {stage} [{bar}] {value}/{total} frames | {fps} fps | ETA {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 200,
    },
    cliProgress.Presets.shades_classic,
  );
  let startedBar = false;
  return {
    update(stage, done, total) {
      const fps = ((done / Math.max(0.001, (Date.now() - started) / 1000)) | 0).toString();
      if (!startedBar) {
        bar.start(Math.max(total, 1), done, { stage, fps });
        startedBar = true;
      }
      bar.setTotal(Math.max(total, done, 1));
      bar.update(done, { stage, fps });
    },
    stop() {
      if (startedBar) bar.stop();
    },
  };
}

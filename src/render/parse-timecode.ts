// Strict source times for render and batch: "75", "75.5", "01:15", "1:02:03.5" (SRT-style "00:01:15,500" too).
// Minutes and seconds after a larger unit must be below 60, so "12:99" is rejected rather than read as 13:39.
// Pure: returns null for anything that is not a time, so callers can name the field in their own error.

const PATTERN = /^(?:(\d+):)?(?:(\d+):)?(\d+(?:[.,]\d+)?)$/;

export function parseTimecode(value: string | number): number | null {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : null;
  const text = value.trim();
  const match = PATTERN.exec(text);
  if (!match) return null;
  const parts = text.split(":");
  const numbers = parts.map((part) => Number(part.replace(",", ".")));
  if (numbers.some((n) => !Number.isFinite(n))) return null;
  // Every part after the first is a sub-unit (minutes or seconds) and must stay below 60.
  if (numbers.slice(1).some((n) => n >= 60)) return null;
  return numbers.reduce((total, part) => total * 60 + part, 0);
}

/** Seconds as "h:mm:ss.s" / "m:ss.s" for messages and reports. */
export function formatTimecode(seconds: number): string {
  const sign = seconds < 0 ? "-" : "";
  const total = Math.abs(seconds);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total - hours * 3600 - minutes * 60;
  const secondsText = rest.toFixed(2).padStart(5, "0");
  return hours > 0
    ? `${sign}${hours}:${String(minutes).padStart(2, "0")}:${secondsText}`
    : `${sign}${minutes}:${secondsText}`;
}

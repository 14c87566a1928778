/**
 * `str(datetime.fromtimestamp(ms / 1000))` — how PySpark prints a batch time (pprint's `Time: …` line):
 * local time, `YYYY-MM-DD HH:MM:SS`, with `.ffffff` only when there are fractional seconds.
 */
export function formatPythonDateTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  const text =
    `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  const millis = d.getMilliseconds();
  return millis === 0 ? text : `${text}.${pad(millis * 1000, 6)}`;
}

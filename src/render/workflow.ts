/**
 * GitHub Actions channels: workflow-command data and properties (the runner unescapes
 * %25, %0D and %0A; properties also %3A and %2C), and $GITHUB_OUTPUT lines (one line per
 * value, or the documented name<<DELIMITER form with a delimiter the value cannot hold).
 */
import { randomBytes } from 'node:crypto';

/** The message of a `::warning ...::message` line. */
export function commandData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value (`title=...`) of a workflow command. */
export function commandProperty(s: string): string {
  return commandData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** The text appended to $GITHUB_OUTPUT for these step outputs. */
export function githubOutput(values: Readonly<Record<string, string | number | boolean>>): string {
  let out = '';
  for (const [name, raw] of Object.entries(values)) {
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) throw new Error(`not a step output name: ${name}`);
    const value = String(raw);
    if (!/[\r\n]/.test(value)) {
      out += `${name}=${value}\n`;
      continue;
    }
    let delimiter: string;
    do delimiter = `ghadelimiter_${randomBytes(12).toString('hex')}`;
    while (value.includes(delimiter));
    out += `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
  }
  return out;
}

/**
 * Split a capture file into command sections. Engineers paste terminal sessions as they come:
 * prompts (`sw1#show license all`, `sw1>`, `RP/0/RSP0/CPU0:xr1#`, `asa/ctx#`), bare command echoes
 * (`show version` on its own line) or no prompt at all; CRLF, tabs and trailing spaces included.
 */

/** One line of a capture: text without its line ending or trailing spaces, and its 1-based number. */
export interface CaptureLine {
  text: string;
  line: number;
}

export interface RawSection {
  /** The command as typed, if the section started at a prompt or command echo. */
  rawCommand?: string;
  /** Hostname from the prompt that introduced (or closed) this section. */
  promptHost?: string;
  /** Line of the prompt, or of the first non-blank line when there was none. */
  line: number;
  lines: CaptureLine[];
}

// Words a CLI command starts with: anything else after `host#` is output, not a command.
const VERBS =
  'show|sho|sh|admin|license|no|test|terminal|term|dir|more|write|wr|copy|configure|conf|run|ping|exit|end|enable|en|clear|debug|request|reload|ter';
const PROMPT = new RegExp(
  `^\\s*(?:RP\\/\\d+\\/\\w+\\/CPU\\d+:)?([A-Za-z0-9][\\w.\\-]*(?:\\/[\\w.\\-]+)?)(?:\\([\\w\\-]+\\))?[#>]\\s*((?:${VERBS})\\b.*)?$`,
  'i',
);
const ECHO = /^(?:show|sho|sh)\s+[a-z][\w\-\s|.:/"]*$/;

export function splitLines(text: string): CaptureLine[] {
  const raw = text.split(/\r\n|\r|\n/);
  // A final newline is not a line of its own.
  if (raw.length > 1 && raw[raw.length - 1] === '') raw.pop();
  return raw.map((t, i) => ({ text: endsInBlank(t) ? t.replace(/[ \t\u00a0]+$/, '') : t, line: i + 1 }));
}

/** Whether the trailing-blank regex has anything to remove (most lines end in a printing character). */
function endsInBlank(t: string): boolean {
  const c = t.charCodeAt(t.length - 1);
  return c === 32 || c === 9 || c === 0xa0;
}

/** A prompt line: hostname and the command typed (empty when the prompt stands alone). */
export function matchPrompt(text: string): { host: string; command: string } | undefined {
  const m = PROMPT.exec(text);
  if (!m) return undefined;
  // A bare word followed by `#`/`>` with nothing else could be output (`Total#`): require a
  // command, or a prompt-shaped host (letters/digits with at least one letter).
  const command = (m[2] ?? '').trim();
  if (!command && !/[A-Za-z]/.test(m[1]!)) return undefined;
  return { host: m[1]!, command };
}

export function splitSections(text: string): RawSection[] {
  const lines = splitLines(text);
  const sections: RawSection[] = [];
  let current: RawSection | undefined;
  let pendingHost: string | undefined;
  const start = (line: number, rawCommand?: string, host?: string): RawSection => {
    const s: RawSection = { line, lines: [] };
    if (rawCommand !== undefined) s.rawCommand = rawCommand;
    if (host !== undefined) s.promptHost = host;
    sections.push(s);
    return s;
  };
  for (const l of lines) {
    const prompt = matchPrompt(l.text);
    if (prompt) {
      if (prompt.command) {
        current = start(l.line, prompt.command, prompt.host);
      } else {
        // A prompt alone closes the previous section and names the device.
        if (current && current.promptHost === undefined) current.promptHost = prompt.host;
        pendingHost = prompt.host;
        current = undefined;
      }
      continue;
    }
    if (ECHO.test(l.text)) {
      const blank =
        current !== undefined &&
        current.rawCommand === undefined &&
        current.lines.every((x) => x.text.trim() === '');
      if (current && blank) {
        current.rawCommand = l.text.trim();
        current.line = l.line;
        current.lines = [];
      } else current = start(l.line, l.text.trim(), pendingHost);
      continue;
    }
    if (!current) {
      if (l.text.trim() === '') continue;
      current = start(l.line, undefined, pendingHost);
    }
    if (current.lines.length === 0 && current.rawCommand === undefined) current.line = l.line;
    current.lines.push(l);
  }
  return sections;
}

/**
 * The Docker build API answers with a stream of JSON objects, one per line: `{stream}` for
 * output ("Step 3/7 : COPY app/ /opt/wanlab/"), `{error, errorDetail}` when a step fails,
 * `{aux: {ID}}` for the image id. A failed build still answers 200: only the stream says so.
 */
export type BuildOutcome =
  | { status: 'ok'; imageId: string | undefined; log: string[] }
  | { status: 'fail'; failedStep: string; error: string; log: string[] };

interface BuildMessage {
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: { ID?: string };
}

function parseLine(line: string): BuildMessage {
  try {
    return JSON.parse(line) as BuildMessage;
  } catch {
    return { stream: line };
  }
}

export function readBuildOutput(raw: string): BuildOutcome {
  const log: string[] = [];
  let step = '(before the first step)';
  let imageId: string | undefined;
  for (const line of raw.split('\n')) {
    if (line.trim() === '') continue;
    const message = parseLine(line);
    if (message.aux?.ID) imageId = message.aux.ID;
    for (const text of (message.stream ?? '').split('\n')) {
      if (text.trim() === '') continue;
      log.push(text.trimEnd());
      if (/^Step \d+\/\d+ : /.test(text)) step = text.trim();
    }
    if (message.error !== undefined) {
      const error = (message.errorDetail?.message ?? message.error).trim();
      log.push(`error: ${error}`);
      return { status: 'fail', failedStep: step, error, log };
    }
  }
  return { status: 'ok', imageId, log };
}

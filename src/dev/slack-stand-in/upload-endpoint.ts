import type { Workspace } from './workspace.js';

/** Upload URLs answer plain text, not Web API JSON: Slack's says `OK - <bytes>`. */
export type UploadAnswer = { status: number; text: string };

/**
 * The uploaded bytes of a raw or multipart/form-data body. Slack takes either; curl's
 * `-F filename=@chart.png` and @slack/web-api's filesUploadV2 (a `body` part) send multipart,
 * so the first file part counts whatever its field name.
 */
async function uploadedBytes(contentType: string | undefined, body: Buffer): Promise<Buffer | UploadAnswer> {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType !== 'multipart/form-data') return body;
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'Content-Type': contentType ?? '' } }).formData();
  } catch {
    return { status: 400, text: 'invalid multipart/form-data body' };
  }
  for (const [, value] of form) {
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  }
  return { status: 400, text: 'no file part in the multipart/form-data body' };
}

/**
 * Stores the bytes POSTed to an upload URL handed out by files.getUploadURLExternal.
 * Slack only documents "200 if the upload is successful; a non-200 response indicates a
 * failure". The stand-in is stricter than anything documented: a byte count other than the
 * declared `length` is refused with a 400, so an app that measures a string instead of its
 * bytes finds out in a test. Uploading again before completion replaces the bytes.
 */
export async function receiveUpload(
  workspace: Workspace,
  uploadUrl: string,
  contentType: string | undefined,
  body: Buffer,
): Promise<UploadAnswer> {
  const file = workspace.files.find((candidate) => candidate.uploadUrl === uploadUrl);
  if (!file || file.completed) return { status: 404, text: 'unknown or spent upload URL' };
  const bytes = await uploadedBytes(contentType, body);
  if (!Buffer.isBuffer(bytes)) return bytes;
  if (bytes.length !== file.length) {
    return { status: 400, text: `length mismatch: ${file.length} bytes declared, ${bytes.length} received` };
  }
  file.bytes = bytes;
  return { status: 200, text: `OK - ${bytes.length}` };
}

import { STAND_IN_IDENTITY, type StandInFile } from './types.js';

type FileKind = { mimetype: string; filetype: string; prettyType: string };

/** By extension: enough for the files a bot uploads. Slack sniffs the content too; the stand-in trusts the name. */
const KINDS: Record<string, FileKind> = {
  png: { mimetype: 'image/png', filetype: 'png', prettyType: 'PNG' },
  jpg: { mimetype: 'image/jpeg', filetype: 'jpg', prettyType: 'JPEG' },
  jpeg: { mimetype: 'image/jpeg', filetype: 'jpg', prettyType: 'JPEG' },
  gif: { mimetype: 'image/gif', filetype: 'gif', prettyType: 'GIF' },
  svg: { mimetype: 'image/svg+xml', filetype: 'svg', prettyType: 'SVG' },
  pdf: { mimetype: 'application/pdf', filetype: 'pdf', prettyType: 'PDF' },
  csv: { mimetype: 'text/csv', filetype: 'csv', prettyType: 'CSV' },
  txt: { mimetype: 'text/plain', filetype: 'text', prettyType: 'Plain Text' },
};

const BINARY: FileKind = { mimetype: 'application/octet-stream', filetype: 'binary', prettyType: 'Binary' };

function kindOf(filename: string): FileKind {
  const dot = filename.lastIndexOf('.');
  const extension = dot < 0 ? '' : filename.slice(dot + 1).toLowerCase();
  return Object.hasOwn(KINDS, extension) ? (KINDS[extension] ?? BINARY) : BINARY;
}

/** The file object files.completeUploadExternal answers with: the fields an app reads, with Slack's names. */
export function slackFileObject(file: StandInFile): Record<string, unknown> {
  const kind = kindOf(file.filename);
  const created = Math.floor(Date.now() / 1000);
  const name = encodeURIComponent(file.filename);
  return {
    id: file.id,
    created,
    timestamp: created,
    name: file.filename,
    title: file.title ?? file.filename,
    mimetype: kind.mimetype,
    filetype: kind.filetype,
    pretty_type: kind.prettyType,
    user: STAND_IN_IDENTITY.userId,
    user_team: STAND_IN_IDENTITY.teamId,
    editable: false,
    size: file.bytes?.length ?? 0,
    mode: 'hosted',
    is_external: false,
    external_type: '',
    is_public: file.channels.some((channel) => channel.startsWith('C')),
    public_url_shared: false,
    display_as_bot: false,
    username: '',
    url_private: `https://files.slack.com/files-pri/${STAND_IN_IDENTITY.teamId}-${file.id}/${name}`,
    url_private_download: `https://files.slack.com/files-pri/${STAND_IN_IDENTITY.teamId}-${file.id}/download/${name}`,
    permalink: `${STAND_IN_IDENTITY.url}files/${STAND_IN_IDENTITY.userId}/${file.id}/${name}`,
    ...(file.altText === undefined ? {} : { alt_txt: file.altText }),
    channels: file.channels.filter((channel) => channel.startsWith('C')),
    groups: file.channels.filter((channel) => channel.startsWith('G')),
    ims: file.channels.filter((channel) => channel.startsWith('D')),
    comments_count: 0,
  };
}

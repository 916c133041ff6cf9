/**
 * Credentials never reach logs, errors or progress: `https://user:secret@host/x` is shown as
 * `https://user:xxxxx@host/x` (BuildKit's urlutil.RedactCredentials), and a lone token in the
 * user part of an http(s) URL (`https://TOKEN@host/x`) as `https://xxxxx@host/x`. `git@host:repo`
 * (scp-like ssh) carries no secret and is kept.
 */
const userinfo = /\b([a-z][a-z0-9+.-]*:\/\/)([^/?#@\s]*)@/gi;

/** `text` with the credentials of every URL in it replaced (works on git's stderr too). */
export function redactCredentials(text: string): string {
  return text.replace(userinfo, (_all, scheme: string, user: string) => {
    const colon = user.indexOf(':');
    if (colon >= 0) return `${scheme}${user.slice(0, colon)}:xxxxx@`;
    return /^https?:\/\//i.test(scheme) ? `${scheme}xxxxx@` : `${scheme}${user}@`;
  });
}

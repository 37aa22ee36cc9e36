/**
 * Minimal glob matching for --include/--exclude: `**` (any folders), `*` (within a name), `?`,
 * `{a,b}` alternatives and `[abc]` classes. Paths are matched with forward slashes; a pattern
 * without a slash matches the file name anywhere (like .gitignore).
 */

export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const close = glob.indexOf('}', i);
      if (close < 0) { re += '\\{'; continue; }
      re += `(?:${glob.slice(i + 1, close).split(',').map((alt) => alt.replace(/[.+^$()|\\[\]]/g, '\\$&').replace(/\*/g, '[^/]*')).join('|')})`;
      i = close;
    } else if (c === '[') {
      const close = glob.indexOf(']', i);
      if (close < 0) { re += '\\['; continue; }
      re += `[${glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
      i = close;
    } else re += c.replace(/[.+^$()|\\\]}]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Whether a forward-slash relative path matches any of `globs`. */
export function matchesAny(relPath: string, globs: readonly RegExp[], rawGlobs: readonly string[]): boolean {
  const name = relPath.slice(relPath.lastIndexOf('/') + 1);
  return globs.some((g, i) => g.test(rawGlobs[i].includes('/') ? relPath : name) || g.test(relPath));
}

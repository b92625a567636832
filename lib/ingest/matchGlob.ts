/**
 * Compiles a user glob to a RegExp: `**` spans folders, `*` stays within one folder, `?` is one
 * character of a name. A pattern without `/` is matched against the file name alone (as in
 * .gitignore), so `*.tmp` excludes temporary files in every folder.
 */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charAt(i);
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` also matches zero folders.
      if (glob[i + 2] === '/') {
        out += '(?:.*/)?';
        i += 2;
      } else {
        out += '.*';
        i += 1;
      }
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`, 'u');
}

/** Whether `key` matches `glob` (see `globToRegExp`). */
export function matchGlob(glob: string, key: string): boolean {
  const subject = glob.includes('/') ? key : key.slice(key.lastIndexOf('/') + 1);
  return globToRegExp(glob).test(subject);
}

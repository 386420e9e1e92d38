import type * as z from 'zod/mini';

/**
 * One line for a failed validation: the first issue, with its path, e.g. `key: must be a string`.
 * zod/mini ships no message locale (and its global config is shared with the user's zod), so
 * messages come from our schemas' own texts or are built here from the issue code.
 */
export function describeIssues(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid frame';
  const path = issue.path.map(String).join('.');
  const message = issue.message && issue.message !== 'Invalid input' ? issue.message : describeCode(issue);
  if (path === '' || message.startsWith(`${path} `)) return message;
  return `${path}: ${message}`;
}

function describeCode(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'invalid_value':
      return `expected ${issue.values.map((value) => JSON.stringify(value)).join(' or ')}`;
    case 'invalid_union':
      return 'has the wrong type';
    default:
      return 'is invalid';
  }
}

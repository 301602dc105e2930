/** HTML attributes React passes through but its types do not list yet. */
import 'react';

declare module 'react' {
  interface HTMLAttributes<T> {
    /** Element Timing API: Chromium reports when this element is first painted. */
    elementtiming?: string;
  }
}

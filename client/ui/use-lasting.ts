/**
 * A flag that turns true only once a condition has held for a while: a connection blip of a few hundred
 * milliseconds should not flash a banner at people reading the text.
 */
import { useEffect, useState } from 'react';

/** True when `condition` has been true for at least `delayMs` without interruption. */
export function useLasting(condition: boolean, delayMs: number): boolean {
  const [lasting, setLasting] = useState(false);
  useEffect(() => {
    if (!condition) {
      setLasting(false);
      return;
    }
    const timer = setTimeout(() => setLasting(true), delayMs);
    return () => clearTimeout(timer);
  }, [condition, delayMs]);
  return condition && lasting;
}

/**
 * A small panel placed under a point of the paragraph (a selection's end, a bracket's "["), kept inside
 * the paragraph's width, also when the window is resized. It is positioned against its offset parent, so it
 * stays with the text on scroll.
 */
import { useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';

/** Where a panel hangs from: a point in viewport coordinates, read the moment it was chosen. */
export interface Anchor {
  left: number;
  bottom: number;
}

/** Props: the anchor, the controls' wrapper (inside the paragraph's section), the panel's class, role, label and test id. */
export interface FloatingProps {
  anchor: Anchor;
  wrapper: RefObject<HTMLElement | null>;
  className: string;
  role?: string;
  'aria-label'?: string;
  testId?: string;
  children: ReactNode;
}

interface Place {
  left: number;
  top: number;
  maxWidth: number;
}

const gap = 6;

/** The panel; transparent until placed (never hidden: what it holds may take the focus at once). */
export function Floating({ anchor, wrapper, className, role, 'aria-label': label, testId, children }: FloatingProps) {
  const panel = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<Place | null>(null);

  useLayoutEffect(() => {
    const element = panel.current;
    const parent = element?.offsetParent;
    if (!element || !parent) return;
    // The anchor against the offset parent: what scrolling does not change.
    const origin = parent.getBoundingClientRect();
    const wanted = { left: anchor.left - origin.left, top: anchor.bottom + gap - origin.top };
    const fit = () => {
      const section = wrapper.current?.closest('section');
      if (!section) return;
      const from = parent.getBoundingClientRect();
      const bounds = section.getBoundingClientRect();
      const width = Math.min(element.offsetWidth, bounds.width);
      const min = bounds.left - from.left;
      const max = bounds.right - from.left - width;
      setPlace({ left: Math.max(min, Math.min(wanted.left, max)), top: wanted.top, maxWidth: bounds.width });
    };
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, [anchor, wrapper]);

  return (
    <div
      ref={panel}
      className={className}
      role={role}
      aria-label={label}
      data-testid={testId}
      style={place ? { left: place.left, top: place.top, maxWidth: place.maxWidth } : { opacity: 0 }}
    >
      {children}
    </div>
  );
}

/**
 * The top bar's count of who is in the room ("503 in the room"), a button that opens the people popover:
 * everyone by role with counts, a search, and where each person is. The popover is rendered into <body>
 * (the bar's backdrop filter would otherwise confine it); Escape, a click outside or choosing a place
 * closes it, and the focus returns to the button.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';
import type { LiveNegotiation } from '../../sync/live-negotiation.ts';
import { roleGroupLabel } from '../role-labels.ts';
import { PeopleList } from './people-list.tsx';
import './people-popover.css';

const popoverId = 'room-people';

/** The button and, while open, the popover. */
export function RoomPeopleButton({ live }: { live: LiveNegotiation }) {
  const roster = useSyncExternalStore(live.presence.subscribe, live.presence.getRoster);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const popover = useRef<HTMLDivElement>(null);
  const closeToButton = () => {
    setOpen(false);
    button.current?.focus({ preventScroll: true });
  };
  const breakdown = roster.groups.map((group) => `${group.people} ${roleGroupLabel(group.role, group.people).toLowerCase()}`).join(', ');

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!popover.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  return (
    <>
      <button
        ref={button}
        type="button"
        className={`room-people-button${open ? ' room-people-button--open' : ''}`}
        aria-expanded={open}
        aria-controls={popoverId}
        title={breakdown}
        onClick={() => setOpen((value) => !value)}
        data-testid="room-people-button"
      >
        <span className="room-people-count" data-testid="room-people-count">
          {roster.total}
        </span>
        <span className="room-people-label"> in the room</span>
        <span className="visually-hidden">: {breakdown}</span>
      </button>
      {open
        ? createPortal(
            <div
              ref={popover}
              id={popoverId}
              className="room-people-popover"
              role="dialog"
              aria-modal="false"
              aria-label="People in the room"
              onKeyDown={(event) => {
                if (event.key === 'Escape') {
                  event.stopPropagation();
                  closeToButton();
                }
              }}
              data-testid="room-people"
            >
              <div className="room-people-head">
                <h2 className="room-people-title">In the room · {roster.total}</h2>
                <button type="button" className="room-people-close" onClick={closeToButton} aria-label="Close the list of people">
                  ×
                </button>
              </div>
              <PeopleList live={live} autoFocusSearch onChosen={() => setOpen(false)} />
            </div>,
            document.body,
          )
        : null}
    </>
  );
}

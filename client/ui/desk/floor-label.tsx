/** The "On the floor" tab on the paragraph under discussion, as every view draws it. */

/** Props: the element id screen readers are pointed to (aria-describedby), when the paragraph names it. */
export interface FloorLabelProps {
  id?: string;
}

/** The tab over the paragraph on the floor. */
export function FloorLabel({ id }: FloorLabelProps) {
  return (
    <span className="floor-label" id={id} data-testid="floor-label">
      On the floor
    </span>
  );
}

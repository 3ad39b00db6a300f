/**
 * A modal dialog on the native <dialog> element (focus stays inside, Escape closes it unless the
 * dialog must be answered).
 */
import { useEffect, useRef, type ReactNode } from 'react';

export function Modal(props: {
  open: boolean;
  labelledBy: string;
  describedBy?: string;
  onClose?: () => void;
  role?: 'dialog' | 'alertdialog';
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) d.showModal();
    if (!props.open && d.open) d.close();
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      role={props.role}
      aria-labelledby={props.labelledBy}
      aria-describedby={props.describedBy}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose?.();
      }}
    >
      {props.open ? props.children : null}
    </dialog>
  );
}

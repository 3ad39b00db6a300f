/**
 * What every staffed desk screen shares (the election desk, the shelter entrance): the frame — a
 * <main> labelled by its heading, with the mode's current notice (from the shell context) — and
 * handing the focus to what a screen shows first.
 */
import { useEffect, useRef, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { NoticeCard } from '../components/NoticeBox.tsx';
import { useShell } from './shell-context.ts';

export function DeskNoticeBox() {
  const { i18n } = useTranslation();
  const { notice, dismissNotice } = useShell();
  if (!notice) return null;
  return (
    <NoticeCard
      notice={notice}
      japanese={i18n.language.startsWith('ja')}
      staff
      onDismiss={dismissNotice}
      className="desk-notice"
    />
  );
}

/** A desk screen. The heading takes the focus unless the screen puts it somewhere useful. */
export function DeskFrame(props: {
  name: string;
  title: ReactNode;
  lead?: ReactNode;
  focusHeading?: boolean;
  className?: string;
  children?: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const focusHeading = props.focusHeading ?? true;
  useEffect(() => {
    if (focusHeading) heading.current?.focus();
  }, [props.name, focusHeading]);
  return (
    <main
      className={`screen desk${props.className ? ` ${props.className}` : ''}`}
      aria-labelledby="desk-title"
      data-screen={props.name}
    >
      <h1 id="desk-title" tabIndex={-1} ref={heading}>
        {props.title}
      </h1>
      {props.lead ? <p className="lead">{props.lead}</p> : null}
      <DeskNoticeBox />
      {props.children}
    </main>
  );
}

/** Hands an element the focus when it appears (and when `key` changes). */
export function useFocusOnShow<T extends HTMLElement>(key: unknown): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [key]);
  return ref;
}

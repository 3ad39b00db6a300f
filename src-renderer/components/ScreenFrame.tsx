/**
 * One screen: a <main> labelled by its heading. The heading takes focus when the screen appears,
 * so keyboard and screen-reader users start at the top of each new screen; with voice guidance
 * on, the heading and the lead sentence are spoken.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useSpeak } from './voice.ts';
import { NoticeBox } from './NoticeBox.tsx';

export function ScreenFrame(props: {
  name: string;
  title: ReactNode;
  /** Plain text of title + instructions for voice guidance. */
  voice: string;
  lead?: ReactNode;
  children?: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [props.name]);
  useSpeak(props.voice, props.name);
  return (
    <main className="screen" aria-labelledby="screen-title" data-screen={props.name}>
      <h1 id="screen-title" tabIndex={-1} ref={heading}>
        {props.title}
      </h1>
      {props.lead ? <p className="lead">{props.lead}</p> : null}
      <NoticeBox />
      {props.children}
    </main>
  );
}

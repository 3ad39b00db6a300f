/**
 * The counter (窓口) as a renderer mode (see kit/mode.ts). Its texts are the core locales
 * (i18n/locales): the counter's screens came first and the shared parts use the same files.
 */
import type { RendererMode } from '../../kit/mode.ts';
import { CounterKiosk } from './CounterKiosk.tsx';

export const counterMode: RendererMode = { id: 'counter', Root: CounterKiosk };

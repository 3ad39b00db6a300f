/** The election reception desk as a renderer mode (see kit/mode.ts). */
import type { RendererMode } from '../../kit/mode.ts';
import { ElectionDesk } from './ElectionDesk.tsx';
import { ELECTION_LOCALES } from './locales/index.ts';

export const electionMode: RendererMode = {
  id: 'election',
  Root: ElectionDesk,
  locales: { namespace: 'election', resources: ELECTION_LOCALES },
};

/** The shelter entrance as a renderer mode (see kit/mode.ts). */
import type { RendererMode } from '../../kit/mode.ts';
import { ShelterDesk } from './ShelterDesk.tsx';
import { SHELTER_LOCALES } from './locales/index.ts';

export const shelterMode: RendererMode = {
  id: 'shelter',
  Root: ShelterDesk,
  locales: { namespace: 'shelter', resources: SHELTER_LOCALES },
};

/**
 * The services every terminal has, whatever its mode — what a mode module receives to build its
 * handlers (src-main/modes/mode-module.ts). Built once per kiosk by api/kiosk.ts.
 */
import type { AppInfo } from '../contract/index.ts';
import type { AddressService } from './address-service.ts';
import type { CardService } from './card-service.ts';
import type { ConfigService } from './config-service.ts';
import type { FormsService } from './forms-service.ts';
import type { OperatorService } from './operator-service.ts';
import type { PrintService } from './print-service.ts';
import type { SessionService } from './session-service.ts';
import type { InboxReview } from './inbox-review.ts';
import type { SigningService } from './signing-service.ts';
import type { StatisticsService } from './statistics-service.ts';
import type { Timings } from './timings.ts';

export interface CoreServices {
  config: ConfigService;
  operator: OperatorService;
  session: SessionService;
  statistics: StatisticsService;
  card: CardService;
  forms: FormsService;
  address: AddressService;
  print: PrintService;
  signing: SigningService;
  inbox: InboxReview;
  timings: Timings;
  appInfo: () => Promise<AppInfo>;
  personas: () => { id: string; label: string }[];
  /** The forms/ folder in use (form definitions and procedures.json). */
  formsRoot: string;
}

/**
 * The kiosk's event fan-out: services publish contract events, transports (IPC, WebSocket)
 * subscribe. Every event is validated against the contract before it leaves, so a malformed event
 * is a loud bug here, not a silent mystery in the renderer.
 */
import { kioskEventSchema, type KioskEvent } from './index.ts';

export type EventListener = (event: KioskEvent) => void;

export class EventBus {
  readonly #listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  publish(event: KioskEvent): void {
    const parsed = kioskEventSchema.parse(event);
    for (const l of [...this.#listeners]) {
      try {
        l(parsed);
      } catch {
        // One broken subscriber (a closed socket) must not stop the others.
      }
    }
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }
}

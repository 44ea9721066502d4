import { DatabaseLost } from './faulty-user-repository.js';

/**
 * A port in front of the real adapter, with a switch: while `failing` names one of its methods,
 * that method throws what a lost database would. For showing what a failure halfway through a use
 * case leaves behind.
 */
export class FaultSwitch<Port extends object> {
  failing: keyof Port | null = null;
  readonly port: Port;

  constructor(real: Port) {
    this.port = new Proxy(real, {
      get: (target, name, receiver) => {
        const value: unknown = Reflect.get(target, name, receiver);
        if (typeof value !== 'function') return value;
        if (name === this.failing) return () => Promise.reject(new DatabaseLost());
        return (value as (...args: unknown[]) => unknown).bind(target);
      },
    });
  }
}

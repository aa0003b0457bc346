// A password that masks itself everywhere a value could leak: String(), templates, JSON, console.log/util.inspect.

import { inspect } from 'node:util';

export const MASK = '********';

export class Secret {
  // A private field is invisible to JSON.stringify, Object.keys, spreading and structured logging.
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The real value; call it only where the password is sent to IPS. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return MASK;
  }

  toJSON(): string {
    return MASK;
  }

  [inspect.custom](): string {
    return `Secret(${MASK})`;
  }
}

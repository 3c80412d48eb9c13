// What a reactive fix is: an upstream 400 it recognises, and the corrected request body to try once more.
import type { WireFormat } from '../../../../shared/wire-formats';
import type { BodyMembers } from './body-members';

export interface ReactiveFix {
  /** Its name in the decision chain, the metrics and the settings (`fix<Name>`). */
  readonly name: string;
  /** The provider wire format whose error it reads. */
  readonly format: WireFormat;
  /** The upstream's error body says what this fix corrects (the status is already known to be 400). */
  recognises(errorText: string): boolean;
  /** The request body with the fault corrected, or undefined when this body has nothing the fix can correct. */
  correct(members: BodyMembers): Buffer | undefined;
}

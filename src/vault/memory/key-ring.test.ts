// The in-memory key ring against the contract.
import { describeKeyRingContract } from '../key-ring-contract.test-support.js';
import { openMemoryKeyRing } from './key-ring.js';

describeKeyRingContract('memory', () => ({ ring: openMemoryKeyRing(), dispose: () => undefined }));

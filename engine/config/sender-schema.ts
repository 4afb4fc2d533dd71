/**
 * A member's sender configuration is the contract's sender definition: every attribute is
 * declared once, with its unit, default and bounds, in contract/sender-attributes.ts.
 */
export {
  SenderDefinitionSchema as SenderConfigSchema,
  SENDER_DEFAULTS,
  type OrderPolicy,
  type SenderConfig,
} from '../../contract/sender-attributes.js';

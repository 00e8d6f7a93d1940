/** The connect rule is the contract's, shared with the bot's VM card (one rule, never two copies). */
export { connectOffer, publicAddress, rdpFile, type ConnectOffer } from '../../../contract/connect.ts';

import type { HealthBody, LocatorView } from '../../contract/index.js';
import { ControlClient, type RequestOptions } from './control-client.js';

export class LocatorClient extends ControlClient {
  health(options?: RequestOptions): Promise<HealthBody> {
    return this.get('/health', options);
  }

  view(): Promise<LocatorView> {
    return this.get('/v1/view');
  }
}

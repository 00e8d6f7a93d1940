import { describe, expect, it } from '@jest/globals';
import type { VmDetails } from '../../contract/vm-details.ts';
import { connectOffer, rdpFile } from '../../contract/connect.ts';
import { makeVm } from '../tab/support/fixtures.ts';

const withIp = (overrides: Partial<VmDetails> = {}, ip: Record<string, unknown> = {}): VmDetails => ({
  vm: makeVm('web-01'),
  adminUsername: 'azureuser',
  zones: [],
  disks: [],
  networkInterfaces: [
    {
      id: 'nic',
      name: 'web-01-nic',
      primary: true,
      ipConfigurations: [
        {
          name: 'ipconfig1',
          primary: true,
          privateIpAddress: '10.0.0.4',
          publicIp: { id: 'ip', name: 'web-01-ip', ipAddress: '20.1.2.3', ...ip },
        },
      ],
    },
  ],
  ...overrides,
});

describe('connect', () => {
  it('Linux, running, public address: an ssh line, by DNS name when there is one', () => {
    expect(connectOffer(withIp())).toEqual({
      kind: 'ssh',
      host: '20.1.2.3',
      command: 'ssh azureuser@20.1.2.3',
    });
    expect(connectOffer(withIp({}, { fqdn: 'web-01.westeurope.cloudapp.azure.com' }))).toMatchObject({
      command: 'ssh azureuser@web-01.westeurope.cloudapp.azure.com',
    });
  });

  it('Windows: a Remote Desktop file with the host and admin user (the password is asked)', () => {
    const offer = connectOffer(
      withIp({ vm: makeVm('sql-01', { osType: 'Windows' }), adminUsername: 'sqladmin' }),
    );
    expect(offer).toMatchObject({ kind: 'rdp', host: '20.1.2.3', fileName: 'sql-01.rdp' });
    expect(offer.kind === 'rdp' && offer.file).toBe(rdpFile('20.1.2.3', 'sqladmin'));
    expect(rdpFile('h', 'u')).toBe(
      'full address:s:h:3389\r\nusername:s:u\r\nprompt for credentials:i:1\r\nadministrative session:i:1\r\n',
    );
  });

  it('otherwise a sentence: start it, use Bastion, or why the address is unknown', () => {
    expect(connectOffer(withIp({ vm: makeVm('web-01', { powerState: 'deallocated' }) }))).toEqual({
      kind: 'none',
      reason: "web-01 isn't running. Start it to connect.",
    });
    expect(connectOffer(withIp({ networkInterfaces: [] }))).toMatchObject({
      reason: expect.stringMatching(/no public IP address\. Connect through Azure Bastion/),
    });
    expect(
      connectOffer(
        withIp({}, { ipAddress: undefined, error: { code: 'AuthorizationFailed', message: 'no' } }),
      ),
    ).toMatchObject({ reason: expect.stringMatching(/doesn't let you read/) });
  });
});

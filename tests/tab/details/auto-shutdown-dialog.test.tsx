/** @jest-environment jsdom */
import '../support/dom.ts';
import { describe, expect, it, jest } from '@jest/globals';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { AutoShutdown } from '../../../contract/auto-shutdown.ts';
import { AutoShutdownDialog } from '../../../tab/src/details/AutoShutdownDialog.tsx';

function renderDialog(current: AutoShutdown | null) {
  const onSave = jest.fn(async (_value: AutoShutdown | null) => undefined);
  render(
    <FluentProvider theme={webLightTheme}>
      <AutoShutdownDialog open vmName="web-01" current={current} onSave={onSave} onClose={() => undefined} />
    </FluentProvider>,
  );
  return { onSave, zone: screen.getByTestId('auto-shutdown-zone') as HTMLSelectElement };
}

describe('the auto-shutdown dialog', () => {
  it("selects the table's zone for an id Azure sent in another case, without an option of its own, and saves it", async () => {
    const { onSave, zone } = renderDialog({
      enabled: true,
      time: '19:00',
      timeZone: 'w. europe standard time',
      notifyMinutesBefore: 30,
    });
    expect(zone.value).toBe('W. Europe Standard Time');
    const options = [...zone.options].map((o) => o.value.toLowerCase());
    expect(options.filter((id) => id === 'w. europe standard time')).toHaveLength(1);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSave).toHaveBeenCalledWith({
      enabled: true,
      time: '19:00',
      timeZone: 'W. Europe Standard Time',
      notifyMinutesBefore: 30,
    });
  });

  it('keeps a zone the table does not know as an option of its own', () => {
    const { zone } = renderDialog({
      enabled: true,
      time: '19:00',
      timeZone: 'Mars Standard Time',
      notifyMinutesBefore: null,
    });
    expect(zone.value).toBe('Mars Standard Time');
    expect(zone.options[0]!.value).toBe('Mars Standard Time');
  });
});

/** @jest-environment jsdom */
import '../support/dom.ts';
import { describe, expect, it, jest } from '@jest/globals';
import { FluentProvider, webDarkTheme } from '@fluentui/react-components';
import { render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { SignInPage } from '../../../tab/src/app/SignInPage.tsx';
import { describeSignInFailure } from '../../../tab/src/auth/sign-in-error.ts';

const DESCRIPTION =
  'AADSTS65004: User declined to consent to access the app. Trace ID: 0e4cd2a4-7c1c-4a3e-9f1a-2b3c4d5e6f70 ' +
  'Correlation ID: 11111111-2222-4333-8444-555555555555 Timestamp: 2026-12-01 22:28:30Z';

describe('the sign-in error page', () => {
  it('says what happened in plain words, offers Try again, keeps the AADSTS code and ids under Details', async () => {
    const onSignIn = jest.fn();
    render(
      <FluentProvider theme={webDarkTheme}>
        <SignInPage onSignIn={onSignIn} failure={describeSignInFailure('access_denied', DESCRIPTION)} />
      </FluentProvider>,
    );
    const alert = screen.getByRole('alert');
    expect(screen.getByRole('heading', { name: 'You declined the permissions' })).toBeInTheDocument();
    expect(alert).toHaveTextContent('Try again and select Accept');
    expect(screen.queryByRole('button', { name: 'Sign in' })).toBeNull();
    const details = alert.querySelector('details')!;
    expect(details.open).toBe(false);
    expect(details).toHaveTextContent('AADSTS65004');
    expect(details).toHaveTextContent('0e4cd2a4-7c1c-4a3e-9f1a-2b3c4d5e6f70');
    expect(details).toHaveTextContent('11111111-2222-4333-8444-555555555555');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onSignIn).toHaveBeenCalledTimes(1);
  });

  it('without a failure: the sign-in card, with why the user is back', () => {
    render(<SignInPage onSignIn={() => undefined} notice="Your session has ended. Sign in again." />);
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByText('Your session has ended. Sign in again.')).toBeInTheDocument();
  });
});

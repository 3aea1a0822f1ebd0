// Sign-in: a user name and a password to POST /api/session; the session cookie is set by the answer.
// A fab without accounts (local mode) answers 409 no-accounts: everyone is the local operator there.
import { send } from '../api.js';
import { h, replace } from '../dom.js';

export interface SignInOptions {
  /** Called once signed in; the app then loads /api/me and goes on. */
  readonly signedIn: () => void;
}

export function signInPage(root: HTMLElement, options: SignInOptions): void {
  document.title = 'Sign in · Bondline';
  const user = h('input', { id: 'signin-user', name: 'user', autocomplete: 'username', required: true });
  const password = h('input', {
    id: 'signin-password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const error = h('p', { id: 'signin-error', class: 'error', role: 'alert' });
  const submit = h('button', { type: 'submit' }, 'Sign in');
  const form = h(
    'form',
    { class: 'signin', 'aria-labelledby': 'signin-title', novalidate: true },
    h('h1', { id: 'signin-title' }, 'Sign in to Bondline'),
    h('label', { for: 'signin-user' }, 'User'),
    user,
    h('label', { for: 'signin-password' }, 'Password'),
    password,
    error,
    submit,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (user.value.trim() === '' || password.value === '') {
      replace(error, 'Enter your user name and your password.');
      return;
    }
    submit.disabled = true;
    replace(error);
    void send('POST', '/api/session', { user: user.value.trim(), password: password.value }).then((r) => {
      submit.disabled = false;
      if (r.ok) {
        options.signedIn();
        return;
      }
      const first = r.issues[0];
      replace(error, first === undefined ? 'Sign-in failed.' : signInMessage(first.code, first.message));
      password.value = '';
      password.focus();
    });
  });
  replace(root, form);
  user.focus();
}

function signInMessage(code: string, message: string): string {
  if (code === 'bad-credentials') return 'The user name or the password is wrong.';
  if (code === 'no-accounts') return 'This fab runs without accounts: no sign-in is needed.';
  return message;
}

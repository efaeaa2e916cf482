import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { api } from '../api/client.js';
import type { List, Role, StaffSession, StaffUser } from '../api/types.js';
import { CruscottoElement, errorAlert, loading } from '../support/element.js';
import { formatInstant } from '../support/locale.js';

const roles: Role[] = ['viewer', 'operator', 'admin'];

const roleLabel = (role: string): string =>
  ({ viewer: msg('lettura', { id: 'role.viewer' }), operator: msg('operatore', { id: 'role.operator' }), admin: msg('amministratore', { id: 'role.admin' }) })[role] ?? role;

/** The comune's users (admins only): add one with a first password, change a role, disable or enable. */
export class UsersPage extends CruscottoElement {
  static override properties = { session: { attribute: false }, users: { state: true }, error: { state: true }, done: { state: true } };
  declare session: StaffSession;
  declare users: StaffUser[] | undefined;
  declare error: unknown;
  declare done: string;

  constructor() {
    super();
    this.done = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.users = (await api.get<List<StaffUser>>('/v1/admin/users')).data;
    } catch (error) {
      this.error = error;
    }
  }

  private async change(work: () => Promise<StaffUser>, done: (user: StaffUser) => string): Promise<void> {
    this.done = '';
    try {
      const user = await work();
      this.error = undefined;
      this.done = done(user);
      await this.load();
    } catch (error) {
      this.error = error;
    }
  }

  private async add(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const text = (key: string) => String(data.get(key) ?? '').trim();
    await this.change(
      () => api.post<StaffUser>('/v1/admin/users', { email: text('email'), name: text('name'), role: text('role'), password: String(data.get('password') ?? '') }),
      (user) => {
        form.reset();
        return msg(str`Utente ${user.email} aggiunto.`, { id: 'users.added' });
      },
    );
  }

  override render() {
    return html`
      <h1 tabindex="-1">${msg('Utenti', { id: 'nav.users' })}</h1>
      <div role="status">${this.done ? html`<p class="alert alert-success">${this.done}</p>` : nothing}</div>
      ${errorAlert(this.error)}
      ${this.users ? this.table(this.users) : this.error ? nothing : loading()}
      <form class="card" @submit=${this.add}>
        <h2>${msg('Aggiungi un utente', { id: 'users.add' })}</h2>
        <div class="form-grid">
          <div class="field"><label for="u-email">${msg('Email', { id: 'login.email' })}</label><input id="u-email" name="email" type="email" required autocomplete="off" /></div>
          <div class="field"><label for="u-name">${msg('Nome', { id: 'users.name' })}</label><input id="u-name" name="name" required /></div>
          <div class="field">
            <label for="u-role">${msg('Ruolo', { id: 'users.role' })}</label>
            <select id="u-role" name="role">${roles.map((role) => html`<option value=${role}>${roleLabel(role)}</option>`)}</select>
          </div>
          <div class="field">
            <label for="u-password">${msg('Prima password (almeno 12 caratteri)', { id: 'users.password' })}</label>
            <input id="u-password" name="password" type="password" minlength="12" required autocomplete="new-password" />
          </div>
        </div>
        <button class="btn btn-primary" type="submit">${msg('Aggiungi', { id: 'users.submit' })}</button>
      </form>
    `;
  }

  private table(users: StaffUser[]) {
    return html`<div class="table-scroll" tabindex="0"><table class="table">
      <thead>
        <tr>
          <th scope="col">${msg('Utente', { id: 'users.user' })}</th>
          <th scope="col">${msg('Ruolo', { id: 'users.role' })}</th>
          <th scope="col">${msg('Stato', { id: 'common.status' })}</th>
          <th scope="col">${msg('Creato', { id: 'transfers.created' })}</th>
        </tr>
      </thead>
      <tbody>
        ${users.map((user) => {
          const self = user.id === this.session.user.id;
          return html`<tr>
            <th scope="row">${user.name}<br /><span class="muted">${user.email}</span></th>
            <td>
              <select
                aria-label=${msg(str`Ruolo di ${user.email}`, { id: 'users.roleOf' })}
                ?disabled=${self}
                @change=${(event: Event) => {
                  const role = (event.target as HTMLSelectElement).value;
                  void this.change(() => api.patch<StaffUser>(`/v1/admin/users/${user.id}`, { role }), (changed) => msg(str`Ruolo di ${changed.email} cambiato.`, { id: 'users.roleChanged' }));
                }}
              >
                ${roles.map((role) => html`<option value=${role} ?selected=${user.role === role}>${roleLabel(role)}</option>`)}
              </select>
            </td>
            <td>
              ${user.disabled ? msg('disattivato', { id: 'users.disabled' }) : msg('attivo', { id: 'users.active' })}
              ${self
                ? nothing
                : html`<button
                    class="btn btn-small btn-outline"
                    type="button"
                    @click=${() =>
                      this.change(
                        () => api.patch<StaffUser>(`/v1/admin/users/${user.id}`, { disabled: !user.disabled }),
                        (changed) => (changed.disabled ? msg(str`${changed.email} disattivato.`, { id: 'users.disabledDone' }) : msg(str`${changed.email} riattivato.`, { id: 'users.enabledDone' })),
                      )}
                  >
                    ${user.disabled ? msg('Riattiva', { id: 'users.enable' }) : msg('Disattiva', { id: 'users.disable' })}<span class="visually-hidden"> ${user.email}</span>
                  </button>`}
            </td>
            <td>${formatInstant(user.createdAt)}</td>
          </tr>`;
        })}
      </tbody>
    </table></div>`;
  }
}

import { NavLink, Outlet, useOutletContext, useParams } from 'react-router-dom';
import { ledger, type Account } from '../api/ledger';
import { FormError } from '../components/Field';
import { useLoad, useReferenceData } from '../hooks';
import { formatMinor } from '../money';

export interface AccountContext {
  account: Account;
  balanceMinor: number | undefined;
  minorUnits: number;
  categories: string[];
  reloadBalance: () => void;
  format: (minor: number) => string;
}

export function useAccount(): AccountContext {
  return useOutletContext<AccountContext>();
}

/** /accounts/:id/*: the account's name and balance above its tabs (transactions, summary, statements). */
export function AccountLayout() {
  const { id = '' } = useParams();
  const { data: account, error } = useLoad(() => ledger.account(id), [id]);
  const balance = useLoad(() => ledger.balance(id), [id]);
  const ref = useReferenceData();
  if (error) return <FormError message={error} />;
  if (!account) return <p role="status">Loading account…</p>;
  const minorUnits = ref?.currencies.find((c) => c.code === account.currency)?.minorUnits ?? 2;
  const format = (minor: number) => formatMinor(minor, account.currency, minorUnits);
  const context: AccountContext = {
    account,
    balanceMinor: balance.data?.balanceMinor,
    minorUnits,
    categories: ref?.categories ?? [],
    reloadBalance: balance.reload,
    format,
  };
  return (
    <>
      <div className="account-header">
        <p className="account-header__name">
          {account.name} <span className="muted">· {account.currency}</span>
        </p>
        <p className="account-header__balance">
          Balance{' '}
          <strong data-testid="balance" aria-live="polite">
            {balance.data ? format(balance.data.balanceMinor) : '…'}
          </strong>
        </p>
      </div>
      <nav className="tabs" aria-label="Account">
        <NavLink end to={`/accounts/${id}`}>
          Transactions
        </NavLink>
        <NavLink to={`/accounts/${id}/summary`}>Monthly summary</NavLink>
        <NavLink to={`/accounts/${id}/statements`}>Statements</NavLink>
      </nav>
      <Outlet context={context} />
    </>
  );
}

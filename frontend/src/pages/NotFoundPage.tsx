import { Link } from 'react-router-dom';
import { PageTitle } from '../components/PageTitle';

export function NotFoundPage() {
  return (
    <section className="card narrow">
      <PageTitle title="Not found">Page not found</PageTitle>
      <p>There is no page at this address.</p>
      <Link to="/">Go to the start page</Link>
    </section>
  );
}

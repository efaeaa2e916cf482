// A React 19 page that uses the widgets as React users do: attributes and properties as props,
// the widgets' events as `on<event-name>` props.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';

function PayPage({ publishableKey, baseUrl }) {
  const [credit, setCredit] = useState(null);
  return (
    <>
      <paybox-credit-lookup publishable-key={publishableKey} base-url={baseUrl} onpaybox-credit-selected={(event) => setCredit(event.detail.credit)} />
      <p id="react-state">{credit ? `React has ${credit.id}` : 'React has no credit yet'}</p>
      {credit && <paybox-payment publishable-key={publishableKey} base-url={baseUrl} credit={credit} />}
    </>
  );
}

const root = document.getElementById('react-root');
createRoot(root).render(<PayPage publishableKey={root.dataset.publishableKey} baseUrl={root.dataset.baseUrl} />);

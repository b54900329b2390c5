import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The page's h1, focused when the page appears so keyboard and screen-reader users start at the new content
 * (a client-side route change otherwise leaves focus on the link that was clicked).
 */
export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Gatewaystack Ledger`;
    ref.current?.focus();
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

import { HomeOutlined, SolutionOutlined } from '@ant-design/icons';
import type { WebManifest } from '../../../web/manifest.ts';
import { CasePage } from './CasePage.tsx';
import { CasesPage } from './CasesPage.tsx';
import { ZeroBoardPage } from './ZeroBoardPage.tsx';
import { text } from './text.ts';
import './employment.css';

/** 再就业帮扶 — cases, the zero-employment board, follow-ups. */
export const employmentWeb: WebManifest = {
  name: 'employment',
  nav: [
    { key: 'employment', path: 'employment', label: text.navCases, group: text.navGroup, icon: <SolutionOutlined />, permission: 'employment.read', scope: 'community' },
    { key: 'employment-zero', path: 'employment/zero-employment', label: text.navZero, group: text.navGroup, icon: <HomeOutlined />, permission: 'employment.read', scope: 'community' },
  ],
  routes: [
    { path: 'employment', scope: 'community', element: <CasesPage />, permission: 'employment.read' },
    { path: 'employment/cases/:id', scope: 'community', element: <CasePage />, permission: 'employment.read' },
    { path: 'employment/zero-employment', scope: 'community', element: <ZeroBoardPage />, permission: 'employment.read' },
  ],
};

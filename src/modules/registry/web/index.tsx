import { ApartmentOutlined, ImportOutlined, TeamOutlined } from '@ant-design/icons';
import type { WebManifest } from '../../../web/manifest.ts';
import { HouseholdPage } from './HouseholdPage.tsx';
import { ImportPage } from './ImportPage.tsx';
import { PlacesPage } from './PlacesPage.tsx';
import { ResidentNewPage } from './ResidentNewPage.tsx';
import { ResidentPage } from './ResidentPage.tsx';
import { ResidentsPage } from './ResidentsPage.tsx';
import { text } from './text.ts';
import './registry.css';

/** 人口管理 — the registry of places and people: residents, households, places, roster import. */
export const registryWeb: WebManifest = {
  name: 'registry',
  nav: [
    { key: 'residents', path: 'residents', label: text.navResidents, group: text.navGroup, icon: <TeamOutlined />, permission: 'registry.read', scope: 'community' },
    { key: 'places', path: 'places', label: text.navPlaces, group: text.navGroup, icon: <ApartmentOutlined />, permission: 'registry.read', scope: 'community' },
    { key: 'import', path: 'residents/import', label: text.navImport, group: text.navGroup, icon: <ImportOutlined />, permission: 'registry.import', scope: 'community' },
  ],
  routes: [
    { path: 'residents', scope: 'community', element: <ResidentsPage />, permission: 'registry.read' },
    { path: 'residents/new', scope: 'community', element: <ResidentNewPage />, permission: 'registry.edit' },
    { path: 'residents/import', scope: 'community', element: <ImportPage />, permission: 'registry.import' },
    { path: 'residents/:id', scope: 'community', element: <ResidentPage />, permission: 'registry.read' },
    { path: 'households/:id', scope: 'community', element: <HouseholdPage />, permission: 'registry.read' },
    { path: 'places', scope: 'community', element: <PlacesPage />, permission: 'registry.read' },
  ],
};

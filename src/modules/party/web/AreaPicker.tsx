import { Alert, Skeleton, Tree, Typography, type TreeDataNode } from 'antd';
import { useParams } from 'react-router';
import { useI18n } from '../../../web/i18n.tsx';
import { usePlaceTree, type PlaceTree } from '../../registry/web/api.ts';
import { text } from './text.ts';

export interface Area {
  buildingId: string;
  entranceId: string | null;
}

const key = (a: Area) => (a.entranceId ? `e:${a.buildingId}:${a.entranceId}` : `b:${a.buildingId}`);
function fromKey(k: string): Area | null {
  const [kind, b, e] = k.split(':');
  if (kind === 'b' && b) return { buildingId: b, entranceId: null };
  if (kind === 'e' && b && e) return { buildingId: b, entranceId: e };
  return null;
}

/** compound → building → entrance; buildings and entrances tick on their own (a building = all of it). */
function treeData(tree: PlaceTree, lang: string): TreeDataNode[] {
  return tree.compounds
    .filter((c) => c.buildings.length > 0)
    .map((c) => ({
      key: `c:${c.id}`,
      title: c.name,
      checkable: false,
      selectable: false,
      children: c.buildings.map((b) => ({
        key: `b:${b.id}`,
        title: b.name || (lang === 'en' ? `Building ${b.number}` : `${b.number}号楼`),
        selectable: false,
        children: b.entrances.map((e) => ({
          key: `e:${b.id}:${e.id}`,
          title: lang === 'en' ? `Entrance ${e.number}` : `${e.number}单元`,
          selectable: false,
          isLeaf: true,
        })),
      })),
    }));
}

/** 责任区: buildings and entrances from the registry's place tree, as checkboxes. */
export function AreaPicker({ value = [], onChange }: { value?: Area[]; onChange?: (v: Area[]) => void }) {
  const { t, lang } = useI18n();
  const { communityId = '' } = useParams();
  const places = usePlaceTree(communityId);
  if (places.error) return <Alert type="error" showIcon title={places.error.message} />;
  if (!places.data) return <Skeleton active paragraph={{ rows: 3 }} />;
  const data = treeData(places.data, lang);
  return (
    <div className="party-area-picker">
      <Tree
        checkable
        checkStrictly
        selectable={false}
        defaultExpandedKeys={data.map((c) => c.key)}
        treeData={data}
        checkedKeys={value.map(key)}
        onCheck={(checked) => {
          const keys = Array.isArray(checked) ? checked : checked.checked;
          onChange?.(keys.map(String).map(fromKey).filter((a): a is Area => a !== null));
        }}
        height={260}
      />
      <Typography.Text type="secondary">{t(text.areaCount, { n: value.length })}</Typography.Text>
    </div>
  );
}

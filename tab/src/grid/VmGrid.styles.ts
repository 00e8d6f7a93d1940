import { makeStyles, tokens } from '@fluentui/react-components';

/** Every row is exactly this tall: the virtual body positions rows by index. */
export const ROW_HEIGHT = 44;
/** Rows of a narrow grid show the name and, under it, the state. */
export const STACKED_ROW_HEIGHT = 60;

export const useVmGridStyles = makeStyles({
  scroller: {
    flex: '1 1 auto',
    minHeight: 0,
    minWidth: 0,
    overflowX: 'auto',
    display: 'flex',
    flexDirection: 'column',
  },
  grid: {
    flex: '1 1 auto',
    minHeight: 0,
    display: 'flex',
    flexDirection: 'column',
  },
  header: {
    flex: '0 0 auto',
    backgroundColor: tokens.colorNeutralBackground1,
  },
  body: {
    flex: '1 1 auto',
    minHeight: 0,
  },
  row: {
    alignItems: 'center',
  },
  // Cells: flex basis = the width a column wants; the visible set is chosen so their sum fits (columns.tsx).
  name: { flex: '2 1 220px', minWidth: 0 },
  powerState: { flex: '1.4 1 180px', minWidth: 0 },
  size: { flex: '1.2 1 130px', minWidth: 0 },
  osType: { flex: '0.7 1 80px', minWidth: 0 },
  location: { flex: '1 1 110px', minWidth: 0 },
  resourceGroup: { flex: '1.2 1 120px', minWidth: 0 },
  subscription: { flex: '1.3 1 130px', minWidth: 0 },
  price: { flex: '1 1 120px', minWidth: 0 },
  tags: { flex: '1.6 1 180px', minWidth: 0 },
  actions: { flex: '0 0 48px', justifyContent: 'center' },
  // A group's header row spans the grid: a collapse button with the group's name, and its count.
  groupRow: {
    display: 'flex',
    alignItems: 'center',
    backgroundColor: tokens.colorNeutralBackground2,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  groupCell: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    minWidth: 0,
    flex: '1 1 auto',
    paddingInline: tokens.spacingHorizontalS,
  },
  groupButton: { minWidth: 0, maxWidth: '100%', justifyContent: 'flex-start' },
  groupLabel: {
    fontWeight: tokens.fontWeightSemibold,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  groupDetail: {
    marginInlineStart: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground3,
    fontWeight: tokens.fontWeightRegular,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
});

import {
  Button,
  Menu,
  MenuDivider,
  MenuItem,
  MenuItemLink,
  MenuList,
  MenuPopover,
  MenuTrigger,
} from '@fluentui/react-components';
import {
  ArrowClockwise20Regular,
  Info20Regular,
  MoreHorizontal20Regular,
  Open20Regular,
  Play20Regular,
  Power20Regular,
  Stop20Regular,
} from '@fluentui/react-icons';
import type { ReactElement } from 'react';
import { portalUrl } from '../../../contract/vm-details.ts';
import type { VmAction } from '../../../contract/vm.ts';
import { ACTIONS, rowAvailability } from './actions.ts';
import type { GridItem } from './grid-item.ts';

export const ACTION_ICONS: Record<VmAction, ReactElement> = {
  start: <Play20Regular />,
  deallocate: <Stop20Regular />,
  restart: <ArrowClockwise20Regular />,
  powerOff: <Power20Regular />,
};

export interface RowMenuProps {
  readonly item: GridItem;
  readonly onOpen: () => void;
  readonly onAction: (action: VmAction) => void;
  readonly tenant?: string;
}

/**
 * The "…" menu of one row, as in the portal's VM list: details, the actions that make sense for this VM (the
 * contract's rule: its state and the user's role; one line saying why when there is none), and the portal link.
 */
export function RowMenu({ item, onOpen, onAction, tenant }: RowMenuProps) {
  const name = item.vm.name;
  const offered = ACTIONS.filter((a) => rowAvailability(a.action, item).enabled);
  const why =
    item.vm.actions.length === 0
      ? 'Read only: your Azure role allows no actions'
      : item.operation?.status === 'InProgress'
        ? 'An operation is running'
        : 'No action makes sense in this state';
  return (
    <Menu positioning="below-end">
      <MenuTrigger disableButtonEnhancement>
        <Button
          appearance="subtle"
          size="small"
          icon={<MoreHorizontal20Regular />}
          aria-label={`More actions for ${name}`}
          data-row-menu
        />
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuItem icon={<Info20Regular />} onClick={onOpen}>
            Details
          </MenuItem>
          <MenuDivider />
          {offered.length === 0 ? (
            <MenuItem disabled>{why}</MenuItem>
          ) : (
            offered.map((a) => (
              <MenuItem key={a.action} icon={ACTION_ICONS[a.action]} onClick={() => onAction(a.action)}>
                {a.label}
              </MenuItem>
            ))
          )}
          <MenuDivider />
          <MenuItemLink
            icon={<Open20Regular />}
            href={portalUrl(item.vm.id, tenant)}
            target="_blank"
            rel="noopener noreferrer"
          >
            Open in Azure portal
          </MenuItemLink>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

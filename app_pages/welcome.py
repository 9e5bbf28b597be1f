"""The page for a browser that is neither signed in nor invited: how to get in, and nothing
about any workspace (no names, no counts)."""

import streamlit as st


def welcome() -> None:
    st.title("Coordination Map")
    st.markdown(
        "This app helps a leadership team see where its use of AI is stuck, one use case at a "
        "time. You need a link to come in."
    )
    problem = st.query_params.get("signin")
    if problem == "failed":
        st.error("That sign-in link is not valid. Check the key and try again.")
    elif problem == "invite":
        st.error(
            "That invitation link is not valid or has been closed. Ask the person who invited "
            "you for a new one."
        )
    elif problem == "closed":
        st.error(
            "That invitation link has been closed: it lets nobody new in. Ask the person who "
            "invited you for a new one."
        )
    elif problem == "full":
        st.error(
            "Too many people joined through this link or from this network in the last few "
            "minutes. Wait a few minutes and try again, or ask the person who invited you."
        )
    elif problem == "limited":
        st.error("Too many wrong attempts from this network. Wait a minute and try again.")

    join, owner = st.columns(2)
    with join.container(border=True):
        st.markdown("**Were you invited to answer?**")
        st.markdown(
            "Open the invitation link you were sent, on this device. It brings you straight to "
            "your questions. If you answered before, your personal resume link brings you back "
            "to your answers."
        )
    with owner.container(border=True):
        st.markdown("**Do you run this app?**")
        st.markdown(
            "Open the sign-in link that was printed when the app started (it ends in "
            "`?key=…`), or add `?key=` and your owner key to this page's address."
        )
